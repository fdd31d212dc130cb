using System.CommandLine;
using System.Text.Json;
using Auth.Core.Clients;

namespace Auth.Api.Cli;

/// <summary>
/// The financial-grade options of <c>client add</c> as the client's <c>clientSettings</c> JSON:
/// <c>--jwks-file PATH</c> (a JWK Set of public keys, for <c>private_key_jwt</c>), <c>--require-par</c>,
/// <c>--require-dpop</c>, <c>--profile fapi2</c>.
/// </summary>
public sealed class FinancialGradeArgs
{
    private readonly Option<string> _jwksFile = CliOptions.Text("--jwks-file", "a JWK Set file of the client's public keys (for private_key_jwt)");
    private readonly Option<bool> _requirePar = CliOptions.Flag("--require-par", "accept authorization requests only through PAR");
    private readonly Option<bool> _requireDpop = CliOptions.Flag("--require-dpop", "issue only DPoP-bound tokens");
    private readonly Option<string> _profile = CliOptions.Text("--profile", "a security profile: fapi2");

    public void AddTo(Command command)
    {
        command.Add(_jwksFile);
        command.Add(_requirePar);
        command.Add(_requireDpop);
        command.Add(_profile);
    }

    public string Settings(ParseResult parse)
    {
        var settings = new Dictionary<string, JsonElement>();
        if (parse.GetValue(_jwksFile) is { } path)
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
        if (parse.GetValue(_requirePar))
            settings[FinancialGradeSettings.RequireParKey] = JsonSerializer.SerializeToElement(true);
        if (parse.GetValue(_requireDpop))
            settings[FinancialGradeSettings.RequireDpopKey] = JsonSerializer.SerializeToElement(true);
        if (parse.GetValue(_profile) is { } profile)
            settings[FinancialGradeSettings.ProfileKey] = JsonSerializer.SerializeToElement(profile);

        var problems = FinancialGradeSettings.Problems(settings).Select(p => $"{p.Key}: {p.Problem}").ToList();
        if (problems.Count > 0)
            throw new CliException(string.Join("; ", problems));
        return JsonSerializer.Serialize(settings);
    }
}
