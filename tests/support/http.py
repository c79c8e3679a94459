"""The app over HTTP, as the browser talks to it (Flask's test client)."""

from __future__ import annotations


def _callback(client, output_contains: str) -> dict:
    deps = client.get("/_dash-dependencies").get_json()
    matches = [d for d in deps if output_contains in d["output"]]
    assert matches, f"no callback outputs {output_contains}"
    return matches[0]


def post_callback(client, output_contains: str, inputs: dict, state: dict | None = None):
    """Call a callback the way the renderer does; inputs/state map 'id.prop' → value."""
    dep = _callback(client, output_contains)

    def items(specs, values):
        out = []
        for s in specs:
            if s["id"].startswith("{"):  # a pattern-matching (ALL) input: a list of matches, here none
                out.append([])
            else:
                out.append(
                    {"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")}
                )
        return out

    outputs = [
        {"id": o.split(".")[0].lstrip("."), "property": o.split(".")[1].split("@")[0]}
        for o in dep["output"].strip(".").split("...")
    ]
    if not dep["output"].startswith(".."):
        outputs = outputs[0]  # a single-output callback
    body = {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": items(dep["inputs"], inputs),
        "state": items(dep["state"], state or {}),
        "changedPropIds": [f"{k}" for k in inputs],
    }
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 200, resp.data[:500]
    return resp


# What a browser sends with a form posted from the app's own page (Flask's test client serves
# http://localhost): the login and logout routes refuse a post without it (dashboard/auth._same_origin).
SAME_SITE = {"Origin": "http://localhost"}
