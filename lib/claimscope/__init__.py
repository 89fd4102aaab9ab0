"""claimscope: who is cited, with which reporting verb, how firmly, in what tone."""

__version__ = "0.1.0"
