"""The sample (demo) project: a fictitious company, its roster and its suppliers' CMRT files."""

from desktop.core.sample.company import (
    SAMPLE_NOTICE,
    SampleCompany,
    sample_cmrt_dir,
    sample_company,
)
from desktop.core.sample.declarations import SAMPLE_FILES, SAMPLE_MARK

__all__ = [
    "SAMPLE_FILES",
    "SAMPLE_MARK",
    "SAMPLE_NOTICE",
    "SampleCompany",
    "sample_cmrt_dir",
    "sample_company",
]
