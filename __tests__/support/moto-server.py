"""moto's server, with its data API (/moto-api/data.json) made robust for the apply tier.

moto 5.2.1's data API serialises every attribute of every model instance and answers 500 when one
attribute raises an error other than TypeError/AttributeError/ValueError (seen after a NAT gateway
or an Elastic IP was deleted). The tier only needs to know which resources moto holds, so this
answers with the identifying attributes of each instance and skips what cannot be read.

moto 5.2.1 makes a hosted zone private only when the request says HostedZoneConfig.PrivateZone;
AWS makes every zone created with a VPC private ("For public hosted zones, omit VPCs", Route 53
API reference, CreateHostedZone / VPC, read 2026-12-02), and hashicorp/aws 5.100.0 sends the VPC
alone. Without this, moto calls the hub's zones public and refuses to associate a spoke's VPC
with them (PublicZoneVPCAssociation). Recorded in docs/testing.md (the emulator gap table).

moto 5.2.1 forgets a transit gateway VPC attachment the moment it is deleted; hashicorp/aws
5.100.0 waits until DescribeTransitGatewayVpcAttachments shows it in state "deleted" (as AWS does
for a while after deletion) and fails after 21 tries. Here a deleted attachment stays visible to a
describe by its ID, in state deleted, and nowhere else (measured 2026-12-02). And moto 5.2.1 reads
an attachment's tags from the "transit-gateway-route-table" tag specification, so the provider's
"transit-gateway-attachment" tags were lost (the re-plan adds them again); here they are kept.
Usage: python3 moto-server.py HOST PORT
"""
import json
import sys

from moto import server
from moto.moto_api._internal.responses import MotoAPIResponse
from moto.core.responses import ActionResult
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment as AttachmentResponses
from moto.route53.responses import Route53

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

_create_hosted_zone = Route53.create_hosted_zone


def create_hosted_zone(self):
    if self._get_param("VPC.VPCId") and self._get_param("HostedZoneConfig.PrivateZone") is None:
        read = self._get_bool_param
        self._get_bool_param = lambda name, default=None: True if name == "HostedZoneConfig.PrivateZone" else read(name, default)
    return _create_hosted_zone(self)


Route53.create_hosted_zone = create_hosted_zone

_delete_attachment = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment
_describe_attachments = TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments


def delete_transit_gateway_vpc_attachment(self, transit_gateway_attachment_id):
    attachment = _delete_attachment(self, transit_gateway_attachment_id)
    self.__dict__.setdefault("_deleted_tgw_attachments", {})[transit_gateway_attachment_id] = attachment
    return attachment


def describe_transit_gateway_vpc_attachments(self, transit_gateways_attachment_ids=None, filters=None):
    found = _describe_attachments(self, transit_gateways_attachment_ids=transit_gateways_attachment_ids, filters=filters)
    deleted = self.__dict__.get("_deleted_tgw_attachments", {})
    return found + [deleted[i] for i in transit_gateways_attachment_ids or [] if i in deleted and deleted[i] not in found]


TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = delete_transit_gateway_vpc_attachment


def create_transit_gateway_vpc_attachment(self):
    tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
    attachment = self.ec2_backend.create_transit_gateway_vpc_attachment(
        transit_gateway_id=self._get_param("TransitGatewayId"),
        tags=tags,
        vpc_id=self._get_param("VpcId"),
        subnet_ids=self._get_param("SubnetIds", []),
        options=self._get_param("Options", {}),
    )
    return ActionResult({"TransitGatewayVpcAttachment": attachment})


AttachmentResponses.create_transit_gateway_vpc_attachment = create_transit_gateway_vpc_attachment
TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments = describe_transit_gateway_vpc_attachments

if __name__ == "__main__":
    server.main(["-H", sys.argv[1], "-p", sys.argv[2]])
