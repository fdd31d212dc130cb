namespace Auth.Api.Housekeeping;

/// <summary>The <c>Auth:Housekeeping</c> configuration section.</summary>
public sealed record HousekeepingSettings
{
    /// <summary>Time between sweeps (<c>IntervalSeconds</c>, default 300).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Rows per delete statement (<c>BatchSize</c>, default 1000).</summary>
    public int BatchSize { get; init; } = 1000;
    /// <summary>Batches per table per sweep (<c>MaxBatches</c>, default 100); the rest waits for the next sweep.</summary>
    public int MaxBatches { get; init; } = 100;
    /// <summary>How long a row is kept after it expired (<c>GraceSeconds</c>, default 300), to cover clock skew between instances.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(5);

    public static HousekeepingSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth:Housekeeping");
        return new HousekeepingSettings
        {
            Interval = TimeSpan.FromSeconds(Math.Max(1, section.GetValue("IntervalSeconds", 300))),
            BatchSize = Math.Max(1, section.GetValue("BatchSize", 1000)),
            MaxBatches = Math.Max(1, section.GetValue("MaxBatches", 100)),
            Grace = TimeSpan.FromSeconds(Math.Max(0, section.GetValue("GraceSeconds", 300))),
        };
    }
}
