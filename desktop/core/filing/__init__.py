"""The filing itself: the registrant, scoping, the inquiry's conclusion, due diligence claims, readiness and the report's wording (no Qt)."""
