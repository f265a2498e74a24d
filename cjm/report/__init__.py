"""`cjm report`: channel coverage, hand-offs, funnel, experience, personas, current vs future."""
