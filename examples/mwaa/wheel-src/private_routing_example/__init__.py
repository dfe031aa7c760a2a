"""A helper for DAGs of the mwaa-environment example, shipped as a wheel in plugins.zip.

It exists to show the offline install: the environment has no route to the internet, so its
requirements.txt installs this package from the wheel in plugins.zip (--no-index --find-links
/usr/local/airflow/plugins) instead of from the Python Package Index.
"""

__version__ = "1.0.0"


def regional_endpoint(service: str, region: str) -> str:
    """The regional name of an AWS service, which private DNS resolves to the VPC's interface endpoint.

    >>> regional_endpoint("sqs", "us-east-1")
    'sqs.us-east-1.amazonaws.com'
    """
    return f"{service}.{region}.amazonaws.com"
