# Filled once when the app starts: quiet.
loaded_plugins = {}


def load_plugin(plugin):
    plugin_id = plugin.info["id"]
    if plugin_id in loaded_plugins:
        raise ValueError(f"plugin id {plugin_id} is already in use")
    loaded_plugins[plugin_id] = plugin


column_classes = {}


def setup_column_classes(columns):
    for row in columns:
        column_classes[row.id] = type("column_%d" % row.id, (object,), {})


# A miss fills the entry: reported.
_user_locks = {}  # expect: unbounded-cache


def user_lock(user_id):
    if user_id in _user_locks:
        return _user_locks[user_id]
    _user_locks[user_id] = object()
    return _user_locks[user_id]
