using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Kernels.OpenBlas;
using FedActors.Learning.Randomness;
using Xunit;

namespace FedActors.Learning.Tests.Kernels;

public sealed class GemmTests
{
    public static TheoryData<bool, bool, int, int, int> Shapes()
    {
        var data = new TheoryData<bool, bool, int, int, int>();
        foreach (var ta in new[] { false, true })
        {
            foreach (var tb in new[] { false, true })
            {
                data.Add(ta, tb, 1, 1, 1);
                data.Add(ta, tb, 7, 5, 3);
                data.Add(ta, tb, 13, 33, 17);
                data.Add(ta, tb, 100, 70, 300);
                data.Add(ta, tb, 97, 530, 260);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Managed_kernel_matches_a_double_precision_reference(bool ta, bool tb, int m, int n, int k) =>
        AssertMatchesReference(ManagedGemm.Instance, ta, tb, m, n, k);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OpenBlas_matches_the_double_precision_reference_when_installed(bool ta, bool tb, int m, int n, int k)
    {
        // CI installs libopenblas0 (tests/run-all.sh); without it only the managed kernel is checked.
        if (OpenBlasLibrary.IsAvailable)
        {
            AssertMatchesReference(OpenBlasGemm.Instance, ta, tb, m, n, k);
        }
    }

    [Fact]
    public void Both_backends_agree_within_float_tolerance()
    {
        if (!OpenBlasLibrary.IsAvailable)
        {
            return;
        }
        var random = new SeededRandom(3);
        const int M = 64, N = 200, K = 800;
        var a = RandomArray(random, M * K);
        var b = RandomArray(random, K * N);
        var managed = new float[M * N];
        var blas = new float[M * N];
        ManagedGemm.Instance.Multiply(false, true, M, N, K, 1f, a, K, b, K, 0f, managed, N);
        OpenBlasGemm.Instance.Multiply(false, true, M, N, K, 1f, a, K, b, K, 0f, blas, N);
        for (var i = 0; i < managed.Length; i++)
        {
            Assert.True(Math.Abs(managed[i] - blas[i]) <= 1e-4f * Math.Sqrt(K), $"element {i}: {managed[i]} vs {blas[i]}");
        }
    }

    [Fact]
    public void Beta_zero_ignores_NaN_in_the_output()
    {
        var c = new[] { float.NaN, float.NaN };
        ManagedGemm.Instance.Multiply(false, false, 1, 2, 1, 1f, [2f], 1, [3f, 4f], 2, 0f, c, 2);
        Assert.Equal([6f, 8f], c);
    }

    [Fact]
    public void Leading_dimensions_larger_than_the_width_address_sub_matrices()
    {
        // A is the left 2x2 block of a 2x3 array; C the left 2x2 block of a 2x3 array whose third column must stay untouched.
        float[] a = [1, 2, 99, 3, 4, 99];
        float[] b = [1, 0, 0, 1];
        float[] c = [0, 0, 7, 0, 0, 7];
        ManagedGemm.Instance.Multiply(false, false, 2, 2, 2, 1f, a, 3, b, 2, 0f, c, 3);
        Assert.Equal([1f, 2f, 7f, 3f, 4f, 7f], c);
    }

    [Fact]
    public void Too_short_spans_are_rejected_with_the_sizes_in_the_message()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ManagedGemm.Instance.Multiply(false, false, 2, 2, 2, 1f, new float[3], 2, new float[4], 2, 0f, new float[4], 2));
        Assert.Contains("A", ex.Message);
        Assert.Contains("needs 4 floats", ex.Message);
    }

    [Fact]
    public void Factory_returns_the_managed_kernel_when_asked()
    {
        Assert.Equal("managed", GemmFactory.Create(GemmBackend.Managed).Name);
        Assert.Equal(OpenBlasLibrary.IsAvailable ? "openblas" : "managed", GemmFactory.Create(GemmBackend.Auto).Name);
    }

    private static void AssertMatchesReference(IGemm gemm, bool ta, bool tb, int m, int n, int k)
    {
        var random = new SeededRandom((ulong)(m * 1000 + n * 10 + k));
        var lda = (ta ? m : k) + 2;
        var ldb = (tb ? k : n) + 1;
        var ldc = n + 3;
        var a = RandomArray(random, (ta ? k : m) * lda);
        var b = RandomArray(random, (tb ? n : k) * ldb);
        var c = RandomArray(random, m * ldc);
        var expected = new double[m * ldc];
        const float Alpha = 0.75f, Beta = -0.5f;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < ldc; j++)
            {
                if (j >= n)
                {
                    expected[i * ldc + j] = c[i * ldc + j];
                    continue;
                }
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = ta ? a[p * lda + i] : a[i * lda + p];
                    var bv = tb ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }
                expected[i * ldc + j] = Alpha * sum + Beta * c[i * ldc + j];
            }
        }
        gemm.Multiply(ta, tb, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);
        var tolerance = 1e-5 * Math.Sqrt(k) * 4;
        for (var i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= tolerance, $"{gemm.Name} element {i}: {c[i]} vs {expected[i]}");
        }
    }

    private static float[] RandomArray(SeededRandom random, int length)
    {
        var array = new float[length];
        for (var i = 0; i < length; i++)
        {
            array[i] = random.NextUniform(-1, 1);
        }
        return array;
    }
}
