using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Features.Payments;

public enum EventActor { Bot, Buyer, Staff, System, Telegram }
