"""The import's background jobs: checking a kept file, and applying it."""

from utblick.imports.services import import_apply_job, import_check_job
from utblick.jobs.services import register

register("import-check", import_check_job)
register("import-apply", import_apply_job)
