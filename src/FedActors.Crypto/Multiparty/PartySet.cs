namespace FedActors.Crypto.Multiparty;

/// <summary>Validation of sets of party ids shared by the protocols.</summary>
internal static class PartySet
{
    /// <summary>Returns the ids sorted, after checking that there is at least one, all positive and distinct.</summary>
    public static int[] Normalize(IEnumerable<int> parties, string parameterName)
    {
        var sorted = parties.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            throw new ArgumentException("At least one party is needed.", parameterName);
        }
        if (sorted[0] <= 0)
        {
            throw new ArgumentException($"Party ids are positive, got {sorted[0]}.", parameterName);
        }
        for (var k = 1; k < sorted.Length; k++)
        {
            if (sorted[k] == sorted[k - 1])
            {
                throw new ArgumentException($"Party {sorted[k]} appears twice; party ids must be distinct.", parameterName);
            }
        }
        return sorted;
    }

    public static string Format(IEnumerable<int> parties) => "{" + string.Join(", ", parties) + "}";
}
