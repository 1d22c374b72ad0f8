"""The Django admin as a viewer: records and their history, no second door for writes."""

from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Records and their history to look at; every write goes through the app's one door.

    The app creates municipalities, members, units and contacts with their rules
    and history; a second way to save them here would skip both.
    """

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
