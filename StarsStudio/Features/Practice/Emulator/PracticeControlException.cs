using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>A control API request that cannot be done (unknown buyer, no invoice to pay): 400 with this message.</summary>
public sealed class PracticeControlException(string message) : Exception(message);
