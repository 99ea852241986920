using System.Globalization;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Reports;

/// <summary>Stored by name inside the terms JSON, so reordering the enum never changes old versions.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<QuestionType>))]
public enum QuestionType { Text, Number, Choice }
