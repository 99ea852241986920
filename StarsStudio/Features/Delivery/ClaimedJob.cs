using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Delivery;

/// <summary>A job this worker claimed, with its order and the terms that order was sold under (null: broken data).</summary>
internal sealed record ClaimedJob(DeliveryJob Job, Order? Order, ActionTerms? Terms);
