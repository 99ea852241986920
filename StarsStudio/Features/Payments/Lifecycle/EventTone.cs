namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>How a timeline line looks on the order page: its tone picks the colour.</summary>
public enum EventTone { Neutral, Good, Bad, Money, Staff }
