from desktop.core.cmrt.model import GOLD, TIN
from desktop.core.filing.scoping import (
    Answer,
    InquiryResult,
    MadeBy,
    Outcome,
    Product,
    ProductStatus,
    assess_product,
    determine_outcome,
)


def covered(name="Oxygen concentrator"):
    return Product(name=name, made_by=MadeBy.MANUFACTURE, metals={TIN, GOLD}, necessary=Answer.YES)


def test_a_manufactured_product_with_necessary_3tg_is_covered():
    finding = assess_product(covered())
    assert finding.status == ProductStatus.COVERED
    assert "tin, gold" in finding.reason


def test_contract_manufacturing_counts_as_manufacturing():
    product = covered()
    product.made_by = MadeBy.CONTRACT
    assert assess_product(product).status == ProductStatus.COVERED


def test_resold_or_branded_products_are_not_covered():
    product = covered()
    product.made_by = MadeBy.NEITHER
    assert assess_product(product).status == ProductStatus.NOT_COVERED


def test_no_3tg_is_not_covered():
    product = Product(name="Cable", made_by=MadeBy.MANUFACTURE, necessary=Answer.YES)
    assert assess_product(product).status == ProductStatus.NOT_COVERED


def test_3tg_not_necessary_is_not_covered():
    product = covered()
    product.necessary = Answer.NO
    assert "not necessary" in assess_product(product).reason


def test_pre_2013_stock_and_acquired_companies_are_exempt():
    old = covered()
    old.outside_supply_chain_2013 = True
    assert assess_product(old).status == ProductStatus.EXEMPT
    acquired = covered()
    acquired.acquired_company = True
    # Instruction 3 is computed from the date and the business's past obligation, never assumed.
    assert assess_product(acquired, 2025).status == ProductStatus.INCOMPLETE
    acquired.acquired_on, acquired.acquired_was_obligated = "2025-03-15", Answer.NO
    assert assess_product(acquired, 2025).status == ProductStatus.EXEMPT
    assert assess_product(acquired, 2026).status == ProductStatus.COVERED
    acquired.acquired_was_obligated = Answer.YES
    assert assess_product(acquired, 2025).status == ProductStatus.COVERED


def test_unanswered_questions_leave_the_product_incomplete():
    assert assess_product(Product(name="New")).status == ProductStatus.INCOMPLETE
    half = Product(name="Half", made_by=MadeBy.MANUFACTURE, metals={TIN})
    assert assess_product(half).status == ProductStatus.INCOMPLETE


def test_no_products_is_incomplete():
    assert determine_outcome([]).outcome == Outcome.INCOMPLETE


def test_only_unanswered_products_is_incomplete():
    assert determine_outcome([Product(name="New")]).outcome == Outcome.INCOMPLETE


def test_nothing_covered_means_no_form_sd():
    result = determine_outcome([Product(name="Cable", made_by=MadeBy.NEITHER)])
    assert result.outcome == Outcome.NO_FILING
    assert result.headline.startswith("No Form SD needed")


def test_covered_products_need_form_sd_pending_the_inquiry():
    result = determine_outcome([covered()])
    assert result.outcome == Outcome.SD_PENDING_INQUIRY
    assert result.covered_products == ["Oxygen concentrator"]


def test_inquiry_without_covered_countries_means_form_sd_only():
    assert determine_outcome([covered()], InquiryResult.NO_COVERED_COUNTRIES).outcome == Outcome.SD_ONLY
    assert determine_outcome([covered()], InquiryResult.RECYCLED_OR_SCRAP_ONLY).outcome == Outcome.SD_ONLY


def test_covered_country_sourcing_not_recycled_needs_a_cmr():
    result = determine_outcome([covered()], InquiryResult.MAY_BE_COVERED_COUNTRIES)
    assert result.outcome == Outcome.SD_WITH_CMR
    assert "Conflict Minerals Report" in result.headline


def test_unanswered_products_are_named_even_when_others_are_covered():
    result = determine_outcome([covered(), Product(name="Prototype")])
    assert result.outcome == Outcome.SD_PENDING_INQUIRY
    assert any("Prototype" in reason for reason in result.reasons)
