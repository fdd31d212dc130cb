using System.Text.Json;
using Auth.Core.Clients;

namespace Auth.Api.Cli;

/// <summary>
/// The financial-grade options of <c>client add</c> as the client's <c>clientSettings</c> JSON:
/// <c>--jwks-file PATH</c> (a JWK Set of public keys, for <c>private_key_jwt</c>), <c>--require-par</c>,
/// <c>--require-dpop</c>, <c>--profile fapi2</c>.
/// </summary>
public static class FinancialGradeArgs
{
    public static string Settings(CliArgs args)
    {
        var settings = new Dictionary<string, JsonElement>();
        if (args.Single("--jwks-file") is { } path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--jwks-file: cannot read {path}.");
            }
            try
            {
                settings[FinancialGradeSettings.JwkSetKey] = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliException("--jwks-file: the file is not JSON.");
            }
        }
        if (args.Flag("--require-par"))
            settings[FinancialGradeSettings.RequireParKey] = JsonSerializer.SerializeToElement(true);
        if (args.Flag("--require-dpop"))
            settings[FinancialGradeSettings.RequireDpopKey] = JsonSerializer.SerializeToElement(true);
        if (args.Single("--profile") is { } profile)
            settings[FinancialGradeSettings.ProfileKey] = JsonSerializer.SerializeToElement(profile);

        var problems = FinancialGradeSettings.Problems(settings).Select(p => $"{p.Key}: {p.Problem}").ToList();
        if (problems.Count > 0)
            throw new CliException(string.Join("; ", problems));
        return JsonSerializer.Serialize(settings);
    }
}
