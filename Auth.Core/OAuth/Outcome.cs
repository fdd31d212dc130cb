namespace Auth.Core.OAuth;

/// <summary>Either a value or an <see cref="OAuthError"/>; never both.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, OAuthError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public OAuthError? Error { get; }
    public bool IsError => Error is not null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(OAuthError error) => new(default, error);
}
