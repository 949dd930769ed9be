from rest_framework import serializers


class StatusField(serializers.Field):
    """One value of a branch's status now (``Branch.current_status``, see portal.hours)."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(source="current_status", read_only=True, **kwargs)

    def to_representation(self, status):
        value = getattr(status, self.attribute)
        return value.isoformat() if hasattr(value, "isoformat") else value
