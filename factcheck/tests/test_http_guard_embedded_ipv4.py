"""The outbound guard judges every IPv6 address that embeds an IPv4 address by that IPv4 address."""

import pytest
from django.test import override_settings

from factcheck.http import DestinationRefused, Guard

GUARD = Guard(allowed_hosts_setting="TEST_GUARD_ALLOWED_HOSTS")


@pytest.fixture(autouse=True)
def _nothing_allowed():
    with override_settings(TEST_GUARD_ALLOWED_HOSTS=[]):
        yield


@pytest.mark.parametrize(
    "address",
    [
        # NAT64, well-known prefix 64:ff9b::/96: loopback, cloud metadata, private
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b::10.0.0.1",
        # NAT64, local-use prefix 64:ff9b:1::/48, with the IPv4 address after a /96 and a /48 prefix
        "64:ff9b:1::7f00:1",
        "64:ff9b:1::a9fe:a9fe",
        "64:ff9b:1:7f00:1::",
        # 6to4 2002::/16: the IPv4 address follows the prefix
        "2002:7f00:1::",
        "2002:a9fe:a9fe::1",
        "2002:c0a8:101::",
        # Teredo 2001::/32: a private server, or a client hidden behind an obfuscated loopback address
        "2001:0:a00:1::1",
        "2001:0:808:808:0:0:80ff:fffe",
        # IPv4-mapped, IPv4-translated and IPv4-compatible forms
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:0:127.0.0.1",
        "::127.0.0.1",
        "::169.254.169.254",
        "::10.0.0.1",
    ],
)
def test_an_ipv6_form_of_an_internal_ipv4_address_is_refused(address):
    with pytest.raises(DestinationRefused, match="not a public address"):
        GUARD.check(f"http://[{address}]/hook")


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::808:808",
        "64:ff9b::93.184.215.14",
        "2002:808:808::1",
        "::ffff:8.8.8.8",
        "2001:0:808:808:0:0:f7f7:f7f7",  # Teredo: public server 8.8.8.8, public client 8.8.8.8
    ],
)
def test_an_ipv6_form_of_a_public_ipv4_address_is_judged_by_it(address):
    GUARD.check(f"http://[{address}]/hook")  # no exception


def test_the_address_a_socket_connected_to_is_judged_the_same_way():
    # The check on the connected socket (DNS rebinding) shares the rule.
    assert GUARD.address_refusal("rebound.example", 80, "64:ff9b::7f00:1")
    assert GUARD.address_refusal("rebound.example", 80, "2002:a9fe:a9fe::")
    assert GUARD.address_refusal("public.example", 80, "64:ff9b::808:808") is None
