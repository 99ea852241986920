using StarsStudio.Hosting;

namespace StarsStudio.Features.Delivery;

/// <summary>Wakes the delivery worker the moment a payment (or a redelivery) writes a job.</summary>
public sealed class DeliverySignal : WakeSignal;
