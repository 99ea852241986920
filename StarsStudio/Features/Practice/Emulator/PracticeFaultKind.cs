using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>Kinds of injected faults the control API can arm for the next calls of a method.</summary>
public enum PracticeFaultKind
{
    /// <summary>429 Too Many Requests with retry_after.</summary>
    TooManyRequests,
    /// <summary>500 Internal Server Error.</summary>
    ServerError,
    /// <summary>Never answers: the request hangs until the client gives up.</summary>
    Timeout,
    /// <summary>Closes the connection without an answer.</summary>
    DropConnection,
}
