using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

public enum PracticeMessageKind { FromBot = 0, FromBuyer = 1, Notice = 2 }
