"""The demo's background job: benchmark data at a preset size, from the platform's page."""

from utblick.demo.national import demo_scale_job
from utblick.jobs.services import register

register("demo-scale", demo_scale_job)
