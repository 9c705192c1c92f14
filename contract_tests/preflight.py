"""One harmless request before the suite, so that a wrong URL or token is one clear line."""

import httpx

from contract_tests.target import Target, TargetError

PROBE_PATH = "/crm/v3/associations/contacts/companies/batch/read"


def preflight(target: Target, timeout: float = 10.0) -> None:
    """Raise TargetError unless target answers a read of no ids with HubSpot-shaped JSON."""
    url = target.base_url + PROBE_PATH
    try:
        response = httpx.post(
            url,
            json={"inputs": []},
            headers={"Authorization": f"Bearer {target.token}"},
            timeout=timeout,
        )
    except httpx.TimeoutException:
        raise TargetError(f"{target.base_url} did not answer within {timeout:.0f} s") from None
    except httpx.HTTPError as exc:
        reason = type(exc).__name__
        raise TargetError(f"cannot reach {target.base_url} ({reason}); is the URL right?") from None
    content_type = response.headers.get("content-type", "").split(";")[0].strip()
    if content_type != "application/json":
        raise TargetError(
            f"{target.base_url} answered {response.status_code} with "
            f"{content_type or 'no content type'}, not HubSpot's JSON API; "
            "HUBSPOT_BASE_URL should be the API root, e.g. https://api.hubapi.com"
        )
    if response.status_code == 401:
        raise TargetError(
            f"{target.base_url} refused the token (401); check HUBSPOT_ACCESS_TOKEN "
            "(the token itself is never printed)"
        )
    if response.status_code == 404:
        raise TargetError(
            f"{target.base_url} has no {PROBE_PATH} (404); HUBSPOT_BASE_URL should be the "
            "API root, without a path"
        )
