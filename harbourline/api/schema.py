from drf_spectacular.extensions import OpenApiAuthenticationExtension


class IntegrationTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "harbourline.api.authentication.IntegrationTokenAuthentication"
    name = "integrationToken"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {"type": "http", "scheme": "bearer", "description": "An integration token (hl_...)."}
