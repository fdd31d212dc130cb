using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Auth.Api.Authorize.Pages;

/// <summary>
/// The product's look on every page (sign-in, consent, console, connected apps), from the
/// <c>Auth:Branding</c> section: product name, logo, primary colour, privacy and help links.
/// Resolved once at startup, with the page's stylesheet and the CSP that allows exactly it.
/// </summary>
public sealed class Branding
{
    public const string DefaultColor = "#0b5cab";
    // WCAG 2.1 SC 1.4.3: white button text on the primary colour needs 4.5:1.
    private const double MinContrastWithWhite = 4.5;

    public string ProductName { get; }
    public string? LogoUrl { get; }
    public string PrimaryColor { get; }
    public string? PrivacyUrl { get; }
    public string? HelpUrl { get; }
    public string Css { get; }
    public string ContentSecurityPolicy { get; }

    public static readonly Branding Default = new("Auth", null, DefaultColor, null, null);

    public Branding(string productName, string? logoUrl, string primaryColor, string? privacyUrl, string? helpUrl)
    {
        ProductName = productName;
        LogoUrl = logoUrl;
        PrimaryColor = primaryColor;
        PrivacyUrl = privacyUrl;
        HelpUrl = helpUrl;
        Css = PageStyle.Css + PanelStyle.Css + $":root{{--brand:{primaryColor};--brand-dark:{Darker(primaryColor)}}}";
        var styleHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css))) + "'";
        var logoOrigin = logoUrl is not null && Uri.TryCreate(logoUrl, UriKind.Absolute, out var logo) ? " " + logo.GetLeftPart(UriPartial.Authority) : "";
        // Note: no form-action: Chromium applies it to the redirect after a post, and the consent post
        // must redirect to the app's own origin (RFC 6749 §4.1.2).
        ContentSecurityPolicy = $"default-src 'none'; style-src {styleHash}; img-src 'self' data:{logoOrigin}; base-uri 'none'; frame-ancestors 'none'";
    }

    /// <summary>The branding of the configuration; refuses (at startup) a colour too light for white text or a link that is not http(s).</summary>
    public static Branding From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth:Branding");
        var color = section["PrimaryColor"] ?? DefaultColor;
        if (ContrastWithWhite(color) is not { } contrast)
            throw new InvalidOperationException("Auth:Branding:PrimaryColor must be a colour like #0b5cab.");
        if (contrast < MinContrastWithWhite)
            throw new InvalidOperationException(
                $"Auth:Branding:PrimaryColor {color} has {contrast:0.0}:1 contrast with white text; WCAG 2.1 AA needs {MinContrastWithWhite}:1. Choose a darker colour.");
        return new Branding(
            section["ProductName"] is { Length: > 0 } name ? name : Default.ProductName,
            Link(section, "LogoUrl"), color.ToLowerInvariant(),
            Link(section, "PrivacyUrl"), Link(section, "HelpUrl"));
    }

    /// <summary>The WCAG contrast ratio of a <c>#rrggbb</c> colour with white, or null if it is not one.</summary>
    public static double? ContrastWithWhite(string color)
    {
        if (Rgb(color) is not { } rgb)
            return null;
        static double Linear(int c) => c / 255.0 is var s && s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        var luminance = 0.2126 * Linear(rgb.R) + 0.7152 * Linear(rgb.G) + 0.0722 * Linear(rgb.B);
        return 1.05 / (luminance + 0.05);
    }

    private static (int R, int G, int B)? Rgb(string color) =>
        color.Length == 7 && color[0] == '#' && int.TryParse(color[1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff)
            : null;

    private static string Darker(string color)
    {
        var (r, g, b) = Rgb(color)!.Value;
        return $"#{r * 4 / 5:x2}{g * 4 / 5:x2}{b * 4 / 5:x2}";
    }

    private static string? Link(IConfigurationSection section, string key)
    {
        if (section[key] is not { Length: > 0 } value)
            return null;
        // Note: on Unix "/path" parses as an absolute file URI, so a path is recognised first.
        var ok = value.StartsWith('/')
            ? !value.StartsWith("//", StringComparison.Ordinal)
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        return ok ? value : throw new InvalidOperationException($"Auth:Branding:{key} must be an http(s) URL or a path starting with /.");
    }
}
