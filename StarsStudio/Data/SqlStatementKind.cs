namespace StarsStudio.Data;

/// <summary>What one SQL statement does, as <see cref="SqlStatementCounter"/> counts it.</summary>
public enum SqlStatementKind { Read, Write, Transaction, Other }
