using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StarsStudio.Bot;

public enum BotMode { Polling, Webhook }
