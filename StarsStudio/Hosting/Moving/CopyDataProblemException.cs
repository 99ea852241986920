namespace StarsStudio.Hosting.Moving;

/// <summary>
/// A reason <c>copy-data</c> stops that the operator can act on. Its message is one sentence, printed instead of a
/// stack trace, and never carries the connection string (it may hold a password).
/// </summary>
public sealed class CopyDataProblemException(string message, Exception? inner = null) : Exception(message, inner);
