using System.Text.Json.Serialization;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>One timeline line as it is kept in <see cref="Order.TransitionLog"/>: a JSON object on one line.</summary>
internal sealed record TimelineLine(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] EventActor Actor,
    [property: JsonPropertyName("name")] string? ActorName,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("detail")] string Detail);
