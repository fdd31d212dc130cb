using System.Globalization;
using Auth.Core.Clients;
using Auth.Core.OAuth;
using FluentValidation;

namespace Auth.Api.Admin;

/// <summary>
/// Checks the fields a client request gives, every one at once. On add and replace the grant types
/// are required; on update (<paramref name="partial"/>) only the given fields are checked.
/// Rejects: ids that are not 1-128 printable ASCII characters, short secrets, unparseable expiry
/// times, unknown grant types or auth methods, <c>none</c> mixed with other methods, relative or
/// fragment-carrying redirect URIs, malformed scopes and token lifetimes that are not positive durations.
/// </summary>
public sealed class ClientRequestValidator : AbstractValidator<ClientRequest>
{
    private const int MaxText = 200;

    public ClientRequestValidator(bool partial)
    {
        RuleFor(x => x.ClientId).Must(ClientPolicy.IsClientId!).When(x => x.ClientId is not null)
            .WithMessage("Must be 1 to 128 printable ASCII characters.");
        RuleFor(x => x.Id).Must(ClientPolicy.IsClientId!).When(x => x.Id is not null)
            .WithMessage("Must be 1 to 128 printable ASCII characters.");
        RuleFor(x => x.Id).Equal(x => x.ClientId).When(x => x.Id is not null && x.ClientId is not null)
            .WithMessage("Must equal clientId when both are given.");
        if (partial)
            RuleFor(x => x.TargetId).NotEmpty().OverridePropertyName("clientId").WithMessage("Name the client to update (clientId or id).");

        RuleFor(x => x.ClientSecret).Must(s => s!.Length == 0 || ClientPolicy.IsSecretLength(s))
            .When(x => x.ClientSecret is not null)
            .WithMessage($"Must be empty (generate one) or {ClientSecretPolicy.MinLength} to {ClientPolicy.MaxSecretLength} characters.");
        RuleFor(x => x.ClientSecretExpiresAt).Must(s => s!.Length == 0 || ParseTime(s) is not null)
            .When(x => x.ClientSecretExpiresAt is not null)
            .WithMessage("Must be an ISO-8601 date and time, or empty for no expiry.");
        RuleFor(x => x.ClientName).MaximumLength(MaxText);

        RuleFor(x => x.AuthorizationGrantTypes).NotEmpty().When(x => !partial || x.AuthorizationGrantTypes is not null)
            .WithMessage("Give at least one grant type.");
        RuleForEach(x => x.AuthorizationGrantTypes).Must(ClientPolicy.IsGrantType)
            .WithMessage($"Must be one of {string.Join(", ", GrantTypes.All)}.");
        RuleFor(x => x.ClientAuthenticationMethods).NotEmpty().When(x => x.ClientAuthenticationMethods is not null)
            .WithMessage("Give at least one authentication method.");
        RuleForEach(x => x.ClientAuthenticationMethods).Must(ClientPolicy.IsAuthMethod)
            .WithMessage($"Must be one of {string.Join(", ", ClientAuthMethods.All)}.");
        RuleFor(x => x.ClientAuthenticationMethods).Must(m => ClientPolicy.IsPublicAlone(m!))
            .When(x => x.ClientAuthenticationMethods is not null)
            .WithMessage("A public client (none) has no other authentication method.");

        RuleForEach(x => x.RedirectUris).Must(ClientPolicy.IsRedirectUri).WithMessage("Must be an absolute URI without a fragment (RFC 6749 §3.1.2).");
        RuleForEach(x => x.PostLogoutRedirectUris).Must(ClientPolicy.IsRedirectUri).WithMessage("Must be an absolute URI without a fragment.");
        RuleForEach(x => x.Scopes).Must(ClientPolicy.IsScope).WithMessage("Must be printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3).");
        RuleForEach(x => x.Audiences).NotEmpty().MaximumLength(MaxText);

        RuleFor(x => x.TokenSettings).Custom((settings, context) =>
        {
            foreach (var key in TokenSettings.Known.Where(k => settings?.ContainsKey(k) == true))
            {
                if (TokenSettings.Seconds(settings![key]) is null)
                    context.AddFailure($"tokenSettings.{key}", "Must be a positive ISO-8601 duration (e.g. PT4H) of at most ten years.");
            }
        });

        RuleFor(x => x.ClientSettings).Custom((settings, context) =>
        {
            foreach (var (key, problem) in settings is null ? [] : FinancialGradeSettings.Problems(settings))
                context.AddFailure($"clientSettings.{key}", problem);
        });

        RuleFor(x => x.Description).MaximumLength(2000);
        RuleFor(x => x.Platform).MaximumLength(MaxText);
        RuleFor(x => x.Source).MaximumLength(MaxText);
        RuleFor(x => x.BizTag).MaximumLength(MaxText);
        RuleFor(x => x.TenantId).MaximumLength(MaxText);
        RuleFor(x => x.TenantName).MaximumLength(MaxText);
        RuleFor(x => x.Version).GreaterThan(0);
    }

    public static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
