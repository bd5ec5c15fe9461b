// Type declaration for seedrandom's Alea generator, imported from its own file
// so the browser bundle does not pull in seedrandom's Node `crypto` autoseeding.
declare module "seedrandom/lib/alea.js" {
  interface AleaPrng {
    (): number
    double(): number
    int32(): number
    quick(): number
  }
  function alea(seed: string): AleaPrng
  export default alea
}
