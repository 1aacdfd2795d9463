from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews and publishing"

    def ready(self):
        from claims.touched import claim_work_register

        from .models import Verdict, WorkflowEvent

        # A claim with a verdict or a timeline entry is the desk's work: re-segmentation keeps it.
        claim_work_register(Verdict)
        claim_work_register(WorkflowEvent)
