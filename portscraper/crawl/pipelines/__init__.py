"""Item pipelines, one job each, in the order settings.ITEM_PIPELINES runs them:
validate -> normalize -> dedupe -> store."""
