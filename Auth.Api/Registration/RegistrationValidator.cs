using System.Net;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using FluentValidation;

namespace Auth.Api.Registration;

/// <summary>
/// Checks a registration body, every field at once. Rejects missing required fields, an
/// <c>appCodeName</c> outside <c>^[a-z0-9.-]+$</c>, a homepage that is not an absolute http(s) URL,
/// redirect URIs that are not absolute https (http only on loopback, RFC 8252 §7.3) or carry a
/// fragment, grant types other than authorization_code and refresh_token, response types other than
/// code, and an unknown auth method.
/// </summary>
public sealed class RegistrationValidator : AbstractValidator<RegistrationRequest>
{
    public static readonly IReadOnlyDictionary<string, string> AuthMethods = new Dictionary<string, string>
    {
        ["Secret Basic"] = ClientAuthMethods.SecretBasic,
        ["Secret Post"] = ClientAuthMethods.SecretPost,
    };
    public static readonly IReadOnlyList<string> ResponseTypes = ["code"];

    public RegistrationValidator()
    {
        RuleFor(x => x.CompanyName).NotEmpty().MaximumLength(500);
        RuleFor(x => x.CompanyInfo).NotEmpty().MaximumLength(5000);
        RuleFor(x => x.HomepageUrl).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2000)
            .Must(BeAWebUrl).WithMessage("Must be an absolute http or https URL.");
        RuleFor(x => x.ContactInfo).NotNull();
        RuleFor(x => x.ContactInfo!.Name).NotEmpty().MaximumLength(200).When(x => x.ContactInfo is not null);
        RuleFor(x => x.ContactInfo!.Phone).Cascade(CascadeMode.Stop).NotEmpty()
            .Matches(@"^\+?[0-9][0-9 ().-]{3,31}$").WithMessage("Must be a phone number, e.g. +1234567890.")
            .When(x => x.ContactInfo is not null);
        RuleFor(x => x.ContactInfo!.Email).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(320)
            .EmailAddress().When(x => x.ContactInfo is not null);
        RuleFor(x => x.AppCodeName).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(64)
            .Matches("^[a-z0-9.-]+$").WithMessage("Must use only lower-case latin letters, digits, dots and hyphens.");
        RuleFor(x => x.AppName).NotEmpty().MaximumLength(200);
        RuleFor(x => x.AppDescription).MaximumLength(2000);
        RuleFor(x => x.AppLogo).Must(BeALogo!).When(x => !string.IsNullOrEmpty(x.AppLogo))
            .WithMessage("Must be an https URL or a data:image URI of at most 64 KB.");

        RuleFor(x => x.RedirectUris).NotEmpty();
        RuleForEach(x => x.RedirectUris).Must(BeARedirectUri)
            .WithMessage("Must be an absolute https URI (http only for a loopback host) without a fragment.");
        RuleFor(x => x.GrantTypes).NotEmpty();
        // Reject password and client_credentials: for operator-made clients only (RFC 9700 §2.4).
        RuleForEach(x => x.GrantTypes).Must(ClientPolicy.IsSelfRegisteredGrantType)
            .WithMessage($"Must be one of {string.Join(", ", ClientPolicy.SelfRegisteredGrantTypes)}.");
        RuleFor(x => x.ResponseTypes).NotEmpty();
        RuleForEach(x => x.ResponseTypes).Must(r => ResponseTypes.Contains(r))
            .WithMessage($"Must be one of {string.Join(", ", ResponseTypes)}.");
        RuleFor(x => x.AuthMethod).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(m => AuthMethods.ContainsKey(m!)).WithMessage($"Must be one of {string.Join(", ", AuthMethods.Keys)}.");
    }

    private static bool BeAWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // RFC 6749 §3.1.2: a client's redirect URI; self-registered ones also need https, plain http only on loopback (RFC 8252 §7.3).
    private static bool BeARedirectUri(string? uri) =>
        ClientPolicy.IsRedirectUri(uri) && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed.Host)));

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool BeALogo(string logo) =>
        logo.Length <= 64 * 1024
        && (logo.StartsWith("data:image/", StringComparison.Ordinal)
            || (Uri.TryCreate(logo, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));
}
