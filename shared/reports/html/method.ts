/**
 * "Metode": how the numbers were made and how to read them, for officials who are not
 * statisticians. Static text except the as-of date (the rules are the product's, see
 * shared/INSTRUMENTS.md and shared/domain/stats/paired.ts).
 */
import type { ReportSummary } from '../types';
import { escapeHtml, fmtDate } from './format';

function p(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

function ul(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

export function methodSection(s: ReportSummary): string {
  return (
    `<section id="metode" class="method"><h2>9. Metode</h2>` +
    `<h3>Sumber data</h3>` +
    p(
      `Laporan ini dihitung otomatis dari data program per ${fmtDate(s.asOf)}: kegiatan, penilaian dan kejadian ` +
        `bertanggal sampai dengan tanggal tersebut. Laporan yang dibuat ulang dengan data dan tanggal yang sama ` +
        `menghasilkan berkas yang sama persis. Rincian per klien (tanpa identitas) ada di berkas enrollments.csv, ` +
        `ringkasan lengkap di summary.json.`,
    ) +
    `<h3>Instrumen</h3>` +
    ul([
      'Kualitas hidup: WHOQOL-BREF (WHO, 1996; versi Indonesia: Purba dkk., 2018). 26 butir berskala 1-5. ' +
        'Butir 3, 4 dan 26 dibalik (6 - x). Skor domain = rerata butir yang dijawab x 4, lalu diubah ke skala 0-100 ' +
        '((skor - 4) x 100 / 16). Domain yang butirnya terlalu banyak kosong tidak diberi skor (fisik minimal 6 dari 7, ' +
        'psikologis 5 dari 6, hubungan sosial 2 dari 3, lingkungan 6 dari 8); formulir dengan 6 butir kosong atau lebih ditolak.',
      'Kesiapan berubah: URICA (University of Rhode Island Change Assessment), 32 butir berskala 1-5, 28 butir dinilai ' +
        '(butir 4, 9, 20 dan 31 tidak dinilai). Skor subskala = rerata butirnya. Skor kesiapan = kontemplasi + tindakan + ' +
        'pemeliharaan - prakontemplasi (rentang -2 sampai 14). Tahap (ketentuan program): kesiapan ≤ 8 prakontemplasi; ' +
        'lebih dari 8 sampai 11 kontemplasi; lebih dari 11 persiapan/tindakan.',
      'Skor dihitung oleh server dari jawaban butir dan disimpan dengan 6 angka desimal; semua statistik memakai nilai tersimpan itu.',
    ]) +
    `<h3>Pasangan pra-pasca</h3>` +
    p(
      'Untuk setiap klien dalam periode, penilaian pra yang terakhir dipasangkan dengan penilaian pasca yang terakhir. ' +
        'Klien yang tidak memiliki keduanya (misalnya berhenti atau dipindahkan sebelum penilaian pasca, atau domainnya ' +
        'tidak dapat diberi skor) tidak ikut dalam uji, tetapi tetap dihitung dalam jumlah pendaftaran dan hasil lainnya.',
    ) +
    `<h3>Uji statistik</h3>` +
    ul([
      'Uji t berpasangan (dua sisi) menguji apakah rata-rata perubahan (pasca - pra) berbeda dari nol. IK 95% adalah ' +
        'rentang rata-rata perubahan yang sejalan dengan data pada tingkat kepercayaan 95%; bila rentang itu tidak memuat 0, ' +
        'uji t signifikan pada α = 0,05 (sebelum koreksi Holm).',
      'Uji Wilcoxon peringkat bertanda (dua sisi) adalah uji pembanding yang tidak mengandaikan sebaran normal. Selisih nol ' +
        'diabaikan. Nilai p eksak dipakai bila jumlah selisih bukan nol paling banyak 50, tidak ada nilai kembar dan tidak ada selisih nol; selain itu ' +
        'dipakai pendekatan normal dengan koreksi untuk nilai kembar dan koreksi kontinuitas (seperti wilcox.test pada R). ' +
        'Di tabel statistik keduanya tertulis "eksak" dan "normal". V = jumlah peringkat selisih yang positif.',
      'Koreksi Holm (Holm, 1979): keempat domain WHOQOL diuji bersama, sehingga peluang mendapat setidaknya satu temuan ' +
        'keliru lebih besar daripada 5%. Nilai p disesuaikan (p Holm) agar peluang itu tetap paling banyak 5%. Kesimpulan ' +
        '"signifikan" untuk domain WHOQOL memakai p Holm; untuk skor kesiapan URICA (satu uji) memakai p biasa.',
      'Uji t adalah uji utama. Bila uji t tidak dapat dihitung tetapi uji Wilcoxon dapat, kesimpulan memakai uji Wilcoxon.',
    ]) +
    `<h3>Cara membaca p dan ukuran efek</h3>` +
    ul([
      'Nilai p adalah peluang mendapatkan perubahan sebesar ini atau lebih besar seandainya sebenarnya tidak ada perubahan. ' +
        'Perubahan disebut signifikan bila p < 0,05. Nilai p tidak menunjukkan besarnya perubahan, dan karena tidak ada ' +
        'kelompok pembanding, perubahan yang signifikan belum tentu disebabkan oleh program saja.',
      'd_z = rata-rata perubahan dibagi simpangan baku perubahan: seberapa besar dan seragam klien berubah ke arah yang sama. ' +
        'Patokan kasar (Cohen, 1988): 0,2 kecil, 0,5 sedang, 0,8 besar. Tanda negatif berarti skor turun.',
      'r rank-biserial (-1 sampai 1) = (jumlah peringkat perubahan naik - jumlah peringkat perubahan turun) / jumlah semua ' +
        'peringkat. 1 berarti semua klien yang berubah mengalami kenaikan, -1 semua mengalami penurunan, 0 seimbang.',
    ]) +
    `<h3>Peringatan sampel kecil dan uji yang tidak dapat dihitung</h3>` +
    ul([
      'Kurang dari 10 pasangan: hasil tetap dilaporkan dengan peringatan sampel kecil, karena kesimpulan dapat berubah bila ' +
        'satu atau dua klien berbeda.',
      'Kurang dari 2 pasangan: uji tidak dihitung.',
      'Semua selisih nol: tidak ada perubahan untuk diuji; uji dan ukuran efek tidak dihitung.',
      'Semua selisih sama besar (tetapi bukan nol): simpangan baku perubahan nol, sehingga uji t, IK 95% dan d_z tidak dapat ' +
        'dihitung; uji Wilcoxon tetap dihitung.',
      'Tanda "–" berarti nilai tidak ada atau tidak dapat dihitung.',
    ]) +
    `<h3>Definisi lain</h3>` +
    ul([
      'Tingkat penyelesaian = klien selesai / (klien terdaftar - klien dipindahkan).',
      'Positivitas urine = tes dengan minimal satu zat positif / semua tes. Klien dengan tes terakhir negatif dihitung dari klien yang pernah dites.',
      'Kekambuhan dan residivisme (tindak pidana baru, ditangkap kembali, pembebasan bersyarat dicabut): jumlah kejadian, ' +
        'jumlah klien dengan minimal satu kejadian, dan persentasenya dari klien terdaftar.',
    ]) +
    `<h3>Perlindungan data pribadi</h3>` +
    p(
      'Laporan ini tidak memuat identitas klien: tidak ada nama, NIK, nomor registrasi, alamat atau nomor telepon. ' +
        'Klien hanya muncul sebagai pseudonim (nomor urut berawalan K) yang berlaku di dalam laporan ini saja, pada keterangan ' +
        'garis per klien di grafik dan di enrollments.csv (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi).',
    ) +
    `<h3>Sumber</h3>` +
    ul([
      'WHO (1996). WHOQOL-BREF: Introduction, Administration, Scoring and Generic Version of the Assessment.',
      'Purba, F. D. dkk. (2018). Quality of life of the Indonesian general population: test-retest reliability and population norms of the EQ-5D-5L and WHOQOL-BREF. PLoS ONE 13(5): e0197098.',
      'URICA scoring key (University of Rhode Island Change Assessment).',
      'Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian Journal of Statistics 6: 65-70.',
      'Kerby, D. S. (2014). The simple difference formula: an approach to teaching nonparametric correlation. Comprehensive Psychology 3.',
      'Cohen, J. (1988). Statistical Power Analysis for the Behavioral Sciences; Lakens, D. (2013). Calculating and reporting effect sizes. Frontiers in Psychology 4: 863.',
    ]) +
    `</section>`
  );
}
