"""The college server: PostgreSQL roles, row-level security, audit, NOTIFY and account functions.

The SQL the set-up runs lives next to this file as numbered, readable `.sql` files (a DBA may read
them on their own); `server_init.init_server` applies them in order.
"""

from ejournal_desktop.store.server.server_init import (
    GROUP_ROLES,
    OWNER_ROLE,
    InitReport,
    ServerInitError,
    create_login_roles,
    init_server,
    owner_engine,
    scram_verifier,
    server_initialised,
)

__all__ = [
    "GROUP_ROLES",
    "OWNER_ROLE",
    "InitReport",
    "ServerInitError",
    "create_login_roles",
    "init_server",
    "owner_engine",
    "scram_verifier",
    "server_initialised",
]
