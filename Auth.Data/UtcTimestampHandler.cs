using System.Data;
using Dapper;

namespace Auth.Data;

/// <summary>
/// Maps <c>timestamptz</c> to <see cref="DateTimeOffset"/> in UTC both ways, so rows map straight
/// onto Core's records: Npgsql reads the column as a UTC <see cref="DateTime"/>, and writes only
/// offset-zero values.
/// </summary>
internal sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset at => at.ToUniversalTime(),
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp."),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value.ToUniversalTime();
    }
}
