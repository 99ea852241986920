using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

public sealed record InvariantResult(string Name, bool Passed, string Detail);
