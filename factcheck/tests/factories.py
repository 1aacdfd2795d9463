import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from factcheck.roles import GROUP_FOR_ROLE, Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `role="reviewer"|"editor"|"integrator"` puts them in that group (desk roles are staff)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if not extracted:
            return
        role = Role(extracted)
        user.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[role]))
        user.is_staff = role in (Role.REVIEWER, Role.EDITOR)
        user.save(update_fields=["is_staff"])
