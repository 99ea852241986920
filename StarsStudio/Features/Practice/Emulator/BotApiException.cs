namespace StarsStudio.Features.Practice.Emulator;

/// <summary>A Bot API error answer: <c>{"ok":false,"error_code":…,"description":…}</c>.</summary>
public sealed class BotApiException(int errorCode, string description, int? retryAfter = null) : Exception(description)
{
    public int ErrorCode { get; } = errorCode;
    public string Description { get; } = description;
    public int? RetryAfter { get; } = retryAfter;

    public static BotApiException BadRequest(string what) => new(400, "Bad Request: " + what);
}
