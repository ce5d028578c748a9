namespace FedActors.Federation.Aggregation;

/// <summary>
/// Order statistics in place without sorting: introselect (Hoare partition around a median-of-three
/// pivot), falling back to a full sort after 2·log2(n) rounds so that adversarial columns cannot
/// make it quadratic. Attackers choose the values, so the bound matters.
/// </summary>
internal static class Selection
{
    private const int SmallRange = 16;

    /// <summary>Rearranges <paramref name="values"/> so that values[k] is the k-th smallest, nothing larger before it and nothing smaller after it.</summary>
    public static void Select(Span<float> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        var budget = 2 * (32 - int.LeadingZeroCount(values.Length));
        while (hi > lo)
        {
            if (hi - lo < SmallRange || budget-- == 0)
            {
                values[lo..(hi + 1)].Sort();
                return;
            }

            var mid = lo + ((hi - lo) / 2);
            if (values[mid] < values[lo])
            {
                (values[mid], values[lo]) = (values[lo], values[mid]);
            }

            if (values[hi] < values[lo])
            {
                (values[hi], values[lo]) = (values[lo], values[hi]);
            }

            if (values[hi] < values[mid])
            {
                (values[hi], values[mid]) = (values[mid], values[hi]);
            }

            var pivot = values[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[lo..j] ≤ pivot ≤ values[i..hi], and everything strictly between equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }
}
