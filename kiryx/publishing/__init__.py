"""The publish pipeline: repository checks, atomic deploy, ledger and journalist notifications."""
