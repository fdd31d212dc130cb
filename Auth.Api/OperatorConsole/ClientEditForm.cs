using System.Text.Json;
using Auth.Api.Admin;

namespace Auth.Api.OperatorConsole;

/// <summary>
/// The console's client edit form as the admin API's PATCH body: each field is named by its JSON name,
/// so the validator's errors land on the field they concern.
/// </summary>
public static class ClientEditForm
{
    public const string Version = "version";
    public static readonly string[] TtlFields = [TokenSettings.AccessTokenTtl, TokenSettings.RefreshTokenTtl, TokenSettings.CodeTtl];

    /// <summary>The request, the version the form was rendered from, and what the form itself got wrong.</summary>
    public static (ClientRequest Request, int? Version, IReadOnlyDictionary<string, string[]> Errors) Read(ConsoleForm form, string id)
    {
        var errors = new Dictionary<string, string[]>();
        int? version = int.TryParse(form.Single(Version), out var v) ? v : null;
        if (version is null)
            errors[Version] = ["The form lost its version; reload the page."];
        var name = form.Text("clientName").Trim();
        if (name.Length == 0)
            errors["clientName"] = ["Give the client a name."];

        var request = new ClientRequest
        {
            ClientId = id,
            ClientName = name,
            Description = form.Text("description").Trim(),
            AuthorizationGrantTypes = form.All("authorizationGrantTypes"),
            ClientAuthenticationMethods = form.All("clientAuthenticationMethods"),
            RedirectUris = form.Lines("redirectUris"),
            Scopes = form.Lines("scopes"),
            Audiences = form.Lines("audiences"),
            TokenSettings = TtlFields.ToDictionary(key => key, key => JsonSerializer.SerializeToElement(form.Text(key).Trim())),
            TenantId = form.Text("tenantId").Trim(),
            TenantName = form.Text("tenantName").Trim(),
        };
        return (request, version, errors);
    }

    /// <summary>The field an error key names: <c>redirectUris[2]</c> is the <c>redirectUris</c> field; <c>tokenSettings.K</c> is K's.</summary>
    public static string FieldOf(string errorKey)
    {
        var bracket = errorKey.IndexOf('[');
        var key = bracket < 0 ? errorKey : errorKey[..bracket];
        return key.StartsWith("tokenSettings.", StringComparison.Ordinal) ? key["tokenSettings.".Length..] : key;
    }
}
