using System.Diagnostics;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

public enum BuyerStep { Start, Buy, Pay, AwaitDelivery }
