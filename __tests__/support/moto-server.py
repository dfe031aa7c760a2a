"""moto's server, with its data API (/moto-api/data.json) made robust for the apply tier.

moto 5.2.1's data API serialises every attribute of every model instance and answers 500 when one
attribute raises an error other than TypeError/AttributeError/ValueError (seen after a NAT gateway
or an Elastic IP was deleted). The tier only needs to know which resources moto holds, so this
answers with the identifying attributes of each instance and skips what cannot be read.
Usage: python3 moto-server.py HOST PORT
"""
import json
import sys

from moto import server
from moto.moto_api._internal.responses import MotoAPIResponse

IDENTIFYING = ("id", "arn", "name", "group_id", "key_id", "key_state", "state", "physical_resource_id")


def identities(self, request, full_url, headers):
    from moto.core.model_instances import model_data

    results = {}
    for service in sorted(model_data):
        results[service] = {}
        for name in sorted(model_data[service]):
            items = []
            for instance in model_data[service][name].instances_tracked:
                item = {}
                for attr in IDENTIFYING:
                    try:
                        value = getattr(instance, attr)
                        json.dumps(value)
                    except Exception:  # an attribute moto cannot compute: not an identity
                        continue
                    item[attr] = value
                items.append(item)
            results[service][name] = items
    return 200, {"Content-Type": "application/json"}, json.dumps(results)


MotoAPIResponse.model_data = identities

if __name__ == "__main__":
    server.main(["-H", sys.argv[1], "-p", sys.argv[2]])
