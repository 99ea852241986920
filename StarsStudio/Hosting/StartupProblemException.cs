using System.ComponentModel.DataAnnotations;

namespace StarsStudio.Hosting;

/// <summary>
/// A problem the operator must fix before StarsStudio can start. Its message is one plain sentence that
/// Program.cs prints instead of a stack trace.
/// </summary>
public sealed class StartupProblemException(string message, Exception? inner = null) : Exception(message, inner);
