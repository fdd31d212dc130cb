namespace Auth.Core.Users;

/// <summary>The roles a user account may hold, granted and revoked by the CLI.</summary>
public static class Roles
{
    /// <summary>Signs in to the operators' console at <c>/console</c>.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Operator];
}
