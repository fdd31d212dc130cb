using Auth.Api.Broker;

namespace Auth.Api.Hosting.OpenApi;

public static class BrokerDocs
{
    /// <summary>The body of a broker POST (document 002): a form or a JSON object, and its errors.</summary>
    public static RouteHandlerBuilder BrokerBody(this RouteHandlerBuilder builder) => builder
        .Body<BrokerForm>(RouteDocs.Form, RouteDocs.Json)
        .Answers(typeof(BrokerResults.ErrorBody), RouteDocs.Json,
            StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status422UnprocessableEntity)
        .RequestExample("account", "Document 002's parameters", SeedExamples.BrokerRequest)
        .ResponseExample(StatusCodes.Status401Unauthorized, "unauthorized", "Unknown client or wrong secret", SeedExamples.BrokerUnauthorized)
        .ResponseExample(StatusCodes.Status422UnprocessableEntity, "unprocessable", "Bad redirect URI, scope or account", SeedExamples.BrokerUnprocessable);
}
