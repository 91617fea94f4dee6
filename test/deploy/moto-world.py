"""
Sets up and inspects the simulated AWS world of the deploy suite (moto_server on loopback),
with boto3 (installed with moto). One JSON request on argv, one JSON answer on stdout.

  python3 moto-world.py ENDPOINT '{"op": "setup", "zones": ["contoso.com"], "privateCa": true}'
  python3 moto-world.py ENDPOINT '{"op": "records", "zoneId": "..."}'
  python3 moto-world.py ENDPOINT '{"op": "upsert", "zoneId": "...", "name": "...", "type": "CNAME", "ttl": 300, "values": ["..."]}'
  python3 moto-world.py ENDPOINT '{"op": "pcaCertificate", "caArn": "...", "certificateArn": "..."}'
  python3 moto-world.py ENDPOINT '{"op": "acmCertificates"}'
  python3 moto-world.py ENDPOINT '{"op": "listener", "defaultName": "lb.example.net"}'
  python3 moto-world.py ENDPOINT '{"op": "listenerCertificates", "listenerArn": "..."}'
"""
import json
import sys

import urllib.request

import boto3
from cryptography import x509
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
REQUEST = json.loads(sys.argv[2])


def client(service):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def setup(req):
    r53 = client("route53")
    zones = {}
    for name in req.get("zones", []):
        created = r53.create_hosted_zone(Name=name, CallerReference=f"deploy-suite-{name}")
        zones[name] = created["HostedZone"]["Id"].split("/")[-1]
    out = {"zones": zones}
    if req.get("privateCa"):
        out["caArn"] = private_ca()
    return out


def private_ca():
    """A root CA made ACTIVE the way AWS documents it: its CSR signed by itself, imported."""
    pca = client("acm-pca")
    arn = pca.create_certificate_authority(
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "RSA_2048",
            "SigningAlgorithm": "SHA256WITHRSA",
            "Subject": {"CommonName": "Contoso Test Root CA", "Organization": "Contoso Inc", "Country": "US"},
        },
        CertificateAuthorityType="ROOT",
    )["CertificateAuthorityArn"]
    csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    cert_arn = pca.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=csr.encode(),
        SigningAlgorithm="SHA256WITHRSA",
        TemplateArn="arn:aws:acm-pca:::template/RootCACertificate/V1",
        Validity={"Value": 10, "Type": "YEARS"},
    )["CertificateArn"]
    cert = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=cert_arn)["Certificate"]
    pca.import_certificate_authority_certificate(CertificateAuthorityArn=arn, Certificate=cert.encode())
    return arn


def records(req):
    r53 = client("route53")
    out = []
    for page in r53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=req["zoneId"]):
        for rs in page["ResourceRecordSets"]:
            out.append({
                "name": rs["Name"].rstrip("."),
                "type": rs["Type"],
                "ttl": rs.get("TTL"),
                "values": [r["Value"] for r in rs.get("ResourceRecords", [])],
            })
    return {"records": out}


def create_record(req):
    r53 = client("route53")
    r53.change_resource_record_sets(
        HostedZoneId=req["zoneId"],
        ChangeBatch={"Changes": [{
            "Action": req.get("action", "CREATE"),
            "ResourceRecordSet": {
                "Name": req["name"],
                "Type": req["type"],
                "TTL": req["ttl"],
                "ResourceRecords": [{"Value": v} for v in req["values"]],
            },
        }]},
    )
    return {"ok": True}


def pca_certificate(req):
    """
    Whether the certificate is revoked. moto 5.2.1 records RevokeCertificate under the serial
    as the caller wrote it (the provider sends lower-case hex without colons) but checks
    GetCertificate against upper-case hex with colons, so GetCertificate never reports the
    revocation; the revoked serials are read from moto's state dump instead, normalised.
    """
    pca = client("acm-pca")
    try:
        got = pca.get_certificate(CertificateAuthorityArn=req["caArn"], CertificateArn=req["certificateArn"])
    except ClientError as e:
        message = e.response["Error"].get("Message", "")
        return {"state": "revoked" if "revoked" in message else "error", "message": message}
    serial = x509.load_pem_x509_certificate(got["Certificate"].encode()).serial_number
    with urllib.request.urlopen(f"{ENDPOINT}/moto-api/data.json") as r:
        dump = json.load(r)
    revoked = set()
    for ca in dump.get("acmpca", {}).get("CertificateAuthority", []):
        if ca.get("arn") == req["caArn"]:
            for key in (ca.get("revoked_certificates") or {}):
                revoked.add(int(key.replace(":", ""), 16))
    return {"state": "revoked" if serial in revoked else "issued", "serial": format(serial, "x")}


def acm_certificates(req):
    acm = client("acm")
    out = []
    for summary in acm.list_certificates()["CertificateSummaryList"]:
        d = acm.describe_certificate(CertificateArn=summary["CertificateArn"])["Certificate"]
        out.append({"arn": d["CertificateArn"], "status": d["Status"], "names": d.get("SubjectAlternativeNames", [])})
    return {"certificates": out}


def listener(req):
    """An application load balancer with an HTTPS listener serving the given certificate."""
    ec2 = client("ec2")
    elbv2 = client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"]["SubnetId"]
        for i, z in ((1, "a"), (2, "b"))
    ]
    lb = elbv2.create_load_balancer(Name="exchange", Subnets=subnets, Scheme="internet-facing", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elbv2.create_target_group(Name="exchange", Protocol="HTTPS", Port=443, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    # The listener's default certificate is one the plan does not manage.
    default = client("acm").request_certificate(DomainName=req["defaultName"], ValidationMethod="DNS")["CertificateArn"]
    arn = elbv2.create_listener(
        LoadBalancerArn=lb,
        Protocol="HTTPS",
        Port=443,
        Certificates=[{"CertificateArn": default}],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}],
    )["Listeners"][0]["ListenerArn"]
    return {"listenerArn": arn, "defaultCertificateArn": default}


def listener_certificates(req):
    elbv2 = client("elbv2")
    certs = elbv2.describe_listener_certificates(ListenerArn=req["listenerArn"])["Certificates"]
    return {"certificates": [{"arn": c["CertificateArn"], "default": c.get("IsDefault", False)} for c in certs]}


OPS = {
    "setup": setup,
    "records": records,
    "upsert": create_record,
    "pcaCertificate": pca_certificate,
    "acmCertificates": acm_certificates,
    "listener": listener,
    "listenerCertificates": listener_certificates,
}

print(json.dumps(OPS[REQUEST["op"]](REQUEST)))
